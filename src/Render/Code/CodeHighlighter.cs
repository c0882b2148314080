using System.Net;
using System.Text;
using ColorCode;
using ColorCode.Common;
using ColorCode.Parsing;
using ColorCode.Styling;

namespace Site.Render.Code;

/// <summary>
/// Build-time syntax highlighting with ColorCode (the grammar behind Visual Studio's and docfx's
/// colouring, in process: no Node round trip, deterministic, cached with the note's HTML). Writes the
/// code HTML-encoded with <c>&lt;span class="tok-…"&gt;</c> around tokens; the theme colours the classes for
/// light and dark. Languages ColorCode lacks (bash, json, yaml, go, rust) come from <see cref="ExtraLanguages"/>.
/// </summary>
public sealed class CodeHighlighter : CodeColorizerBase
{
    /// <summary>Code longer than this is written plain: a huge dump is not worth the regex time.</summary>
    public const int MaxLength = 100_000;

    private StringBuilder? _out;

    private CodeHighlighter() : base(StyleDictionary.DefaultLight, CompiledRegexLanguages.Parser) { }

    [ThreadStatic] private static CodeHighlighter? _perThread;

    static CodeHighlighter() => ExtraLanguages.Register();

    /// <summary>The highlighted, HTML-encoded code, or null when the language is unknown (the caller writes it plain).</summary>
    public static string? Highlight(string code, string? languageInfo)
    {
        if (code.Length > MaxLength || CodeLanguages.Find(languageInfo) is not { } language) return null;
        var h = _perThread ??= new CodeHighlighter();
        var sb = new StringBuilder(code.Length * 2);
        h._out = sb;
        try { h.languageParser.Parse(code, language, (parsed, scopes) => h.Write(parsed, scopes)); }
        finally { h._out = null; }
        return sb.ToString();
    }

    protected override void Write(string parsedSourceCode, IList<Scope> scopes)
    {
        var sb = _out!;
        var flat = new List<Scope>();
        Flatten(scopes, flat);
        flat.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : b.Length.CompareTo(a.Length));
        int at = 0;
        foreach (var s in flat)
        {
            if (s.Index < at || s.Length == 0) continue; // nested inside a token already written
            var cls = ClassOf(s.Name);
            if (cls is null) continue;
            Encode(sb, parsedSourceCode.AsSpan(at, s.Index - at));
            sb.Append("<span class=\"").Append(cls).Append("\">");
            Encode(sb, parsedSourceCode.AsSpan(s.Index, s.Length));
            sb.Append("</span>");
            at = s.Index + s.Length;
        }
        Encode(sb, parsedSourceCode.AsSpan(at));
    }

    private static void Flatten(IList<Scope> scopes, List<Scope> into)
    {
        foreach (var s in scopes)
        {
            if (ClassOf(s.Name) is not null) into.Add(s);
            else if (s.Children.Count > 0) Flatten(s.Children, into);
        }
    }

    /// <summary>ColorCode scope → theme class (one of tok-comment, -string, -keyword, -number, -type, -func, -attr, -meta), or null.</summary>
    public static string? ClassOf(string scope) => scope switch
    {
        ScopeName.Comment or ScopeName.XmlComment or ScopeName.HtmlComment or ScopeName.XmlDocComment or ScopeName.XmlDocTag => "tok-comment",
        ScopeName.String or ScopeName.StringCSharpVerbatim or ScopeName.StringEscape or ScopeName.HtmlAttributeValue
            or ScopeName.XmlAttributeValue or ScopeName.JsonString or ScopeName.CssPropertyValue => "tok-string",
        ScopeName.Keyword or ScopeName.ControlKeyword or ScopeName.PseudoKeyword or ScopeName.SqlSystemFunction
            or ScopeName.PowerShellOperator or ScopeName.CssSelector or ScopeName.HtmlTagDelimiter or ScopeName.HtmlElementName
            or ScopeName.XmlName or ScopeName.XmlDelimiter => "tok-keyword",
        ScopeName.Number or ScopeName.JsonNumber or ScopeName.JsonConst => "tok-number",
        ScopeName.ClassName or ScopeName.Type or ScopeName.TypeVariable or ScopeName.NameSpace or ScopeName.Constructor => "tok-type",
        ScopeName.BuiltinFunction or ScopeName.BuiltinValue or ScopeName.Intrinsic => "tok-func",
        ScopeName.HtmlAttributeName or ScopeName.XmlAttribute or ScopeName.CssPropertyName or ScopeName.JsonKey
            or ScopeName.PowerShellAttribute or ScopeName.PowerShellVariable or ScopeName.Attribute => "tok-attr",
        ScopeName.PreprocessorKeyword or ScopeName.PowerShellCommand or ScopeName.SpecialCharacter or ScopeName.MarkdownHeader => "tok-meta",
        _ => null,
    };

    private static void Encode(StringBuilder sb, ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                default: sb.Append(c); break;
            }
    }
}
