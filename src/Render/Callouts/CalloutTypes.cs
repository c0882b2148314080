namespace Site.Render.Callouts;

/// <summary>
/// Obsidian's callout types and their aliases, mapped to the eight styles the theme colours
/// (<c>aside.callout-&lt;style&gt;</c> in site.css); GitHub's five alert types are among them. A type Obsidian does
/// not know ("definition", "theorem", "ai_summary") is shown in the note style under its own name.
/// </summary>
public static class CalloutTypes
{
    private static readonly Dictionary<string, string> Styles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["note"] = "note", ["info"] = "note", ["todo"] = "note",
        ["abstract"] = "abstract", ["summary"] = "abstract", ["tldr"] = "abstract",
        ["tip"] = "tip", ["hint"] = "tip", ["important"] = "tip",
        ["success"] = "success", ["check"] = "success", ["done"] = "success",
        ["question"] = "question", ["help"] = "question", ["faq"] = "question",
        ["warning"] = "warning", ["caution"] = "warning", ["attention"] = "warning",
        ["failure"] = "danger", ["fail"] = "danger", ["missing"] = "danger", ["danger"] = "danger", ["error"] = "danger", ["bug"] = "danger",
        ["example"] = "example", ["quote"] = "quote", ["cite"] = "quote",
    };

    /// <summary>The style a type is shown in; "note" for types Obsidian does not define.</summary>
    public static string Style(string type) => Styles.TryGetValue(type, out var s) ? s : "note";

    /// <summary>The title of a callout written without one: the type with a capital ("definition" → "Definition", "ai_summary" → "Ai summary").</summary>
    public static string DefaultTitle(string type)
    {
        var t = type.Replace('_', ' ').Replace('-', ' ');
        return t.Length == 0 ? t : char.ToUpperInvariant(t[0]) + t[1..].ToLowerInvariant();
    }
}
