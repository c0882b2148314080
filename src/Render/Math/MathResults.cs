using System.Collections.Concurrent;

namespace Site.Render.Mathematics;

/// <summary>What KaTeX made of one formula: HTML, or its error message and position (a UTF-16 index into the TeX).</summary>
public sealed record MathRendering(string? Html, string? Error = null, int? Position = null)
{
    public bool Ok => Html is not null;
    public static MathRendering Failed(string message, int? position = null) => new(null, message, position);
}

/// <summary>
/// The rendered math of a build, stored by RenderMath in <c>ctx.Items["math"]</c>: (TeX as written in the note,
/// display?) → KaTeX HTML or error. Formulas without an entry (Node missing, server died) render as TeX fallback.
/// </summary>
public sealed class MathResults
{
    private readonly ConcurrentDictionary<(string Tex, bool Display), MathRendering> _map = new();

    /// <summary>The key under which <see cref="RenderMath"/> stores this object in <c>BuildContext.Items</c>.</summary>
    public const string ItemKey = "math";

    /// <summary>False when math could not be rendered at all (no Node.js): pages then show TeX source.</summary>
    public bool Available { get; set; } = true;

    public int Count => _map.Count;
    public int ErrorCount => _map.Values.Count(r => !r.Ok);

    public void Set(string tex, bool display, MathRendering rendering) => _map[(tex, display)] = rendering;

    public MathRendering? Get(string tex, bool display) => _map.TryGetValue((tex, display), out var r) ? r : null;

    public bool TryGet(string tex, bool display, out MathRendering rendering)
    {
        if (_map.TryGetValue((tex, display), out var r)) { rendering = r; return true; }
        rendering = null!;
        return false;
    }

    /// <summary>The HTML for a formula: KaTeX output, an error box, or the escaped TeX fallback.</summary>
    public string HtmlFor(string tex, bool display) => MathHtml.Fragment(tex, display, this);
}
