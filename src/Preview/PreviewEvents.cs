using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Site.Core;

namespace Site.Preview;

/// <summary>One Server-Sent Event.</summary>
public sealed record PreviewEvent(string Name, string Data)
{
    /// <summary>Wire format: <c>event: name</c>, one <c>data:</c> line per line of data, blank line.</summary>
    public string Format()
    {
        var sb = new StringBuilder("event: ").Append(Name).Append('\n');
        foreach (var line in Data.Split('\n')) sb.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        return sb.Append('\n').ToString();
    }
}

/// <summary>
/// Fan-out of preview events to every open page (<c>/__preview/events</c>). Each subscriber has a small
/// bounded queue; a page that stops reading loses old events, never blocks a build.
/// </summary>
public sealed class PreviewEvents
{
    private readonly object _gate = new();
    private readonly List<Channel<PreviewEvent>> _subscribers = new();

    /// <summary>Changes whenever the server process starts: a page that reconnects to a new id reloads.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The latest diagnostics event, sent to each page as it connects (so an overlay survives a reload).</summary>
    public PreviewEvent? LastDiagnostics { get; private set; }
    public int LastBuild { get; private set; }

    public int SubscriberCount { get { lock (_gate) return _subscribers.Count; } }

    public ChannelReader<PreviewEvent> Subscribe(out Action unsubscribe)
    {
        var ch = Channel.CreateBounded<PreviewEvent>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate) _subscribers.Add(ch);
        unsubscribe = () => { lock (_gate) _subscribers.Remove(ch); ch.Writer.TryComplete(); };
        return ch.Reader;
    }

    public void Publish(PreviewEvent e)
    {
        lock (_gate)
            foreach (var s in _subscribers) s.Writer.TryWrite(e);
    }

    public PreviewEvent Hello() => new("hello", JsonSerializer.Serialize(new { instance = InstanceId, build = LastBuild }));

    /// <summary>Announces a finished build: diagnostics always (an empty list clears the overlay), reload if the site changed.</summary>
    public void BuildFinished(PreviewBuild build)
    {
        var diag = new PreviewEvent("diagnostics", DiagnosticsJson(build));
        lock (_gate)
        {
            LastDiagnostics = diag;
            if (build.Committed) LastBuild = build.Number;
        }
        Publish(diag);
        if (build.Committed)
            Publish(new PreviewEvent("reload", JsonSerializer.Serialize(new { instance = InstanceId, build = build.Number })));
    }

    public const int MaxItems = 200;

    public static string DiagnosticsJson(PreviewBuild build)
    {
        var diags = build.Result.Diagnostics;
        return JsonSerializer.Serialize(new
        {
            build = build.Number,
            ok = build.Committed,
            failure = build.Failure,
            errors = diags.Count(d => d.Severity == Severity.Error),
            warnings = diags.Count(d => d.Severity == Severity.Warning),
            more = Math.Max(0, diags.Count - MaxItems),
            items = diags.OrderBy(d => d.Severity == Severity.Error ? 0 : 1).Take(MaxItems).Select(d => new
            {
                path = d.Path,
                line = Math.Max(1, d.Line),
                severity = d.Severity == Severity.Error ? "error" : "warning",
                message = d.Message,
                text = d.ToString(),
            }),
        });
    }
}
