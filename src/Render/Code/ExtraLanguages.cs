using ColorCode;
using ColorCode.Common;

namespace Site.Render.Code;

/// <summary>
/// Small grammars for languages common in notes that ColorCode does not ship (shell, YAML, Go, Rust):
/// comments, strings, numbers, keywords and a few builtins — the same depth as its own grammars.
/// </summary>
public static class ExtraLanguages
{
    public const string Bash = "kb-bash", Yaml = "kb-yaml", Go = "kb-go", Rust = "kb-rust";
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        Languages.Load(new Grammar(Bash, "Shell", [
            Rule(@"(?m)(?<![\w$\\])#.*$", ScopeName.Comment),
            Rule(@"'[^']*'", ScopeName.String),
            Rule(@"""(?:\\.|[^""\\])*""", ScopeName.String),
            Rule(@"\$\{[^}\n]*\}|\$\w+|\$[@#?*!$0-9]", ScopeName.PowerShellVariable),
            Rule(@"\b(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|function|in|return|export|local|readonly|declare|source|exit|set|unset|shift|break|continue)\b", ScopeName.Keyword),
            Rule(@"(?m)(?<=^\s*(?:\$\s+|sudo\s+)?)\b(?:pip3?|python3?|conda|git|cd|ls|cp|mv|rm|mkdir|echo|cat|curl|wget|docker|npm|apt|apt-get|nvidia-smi|torchrun|deepspeed|bash|sh|chmod|export|ssh|tar|grep|sed|awk|make|cmake|go|cargo|dotnet|node|java|kubectl|huggingface-cli|accelerate)\b", ScopeName.BuiltinFunction),
            Rule(@"(?<![\w.-])--?[A-Za-z][\w-]*", ScopeName.Attribute),
            Rule(@"\b\d+(?:\.\d+)?\b", ScopeName.Number),
        ]));
        Languages.Load(new Grammar(Yaml, "YAML", [
            Rule(@"(?m)(?<=^|\s)#.*$", ScopeName.Comment),
            Rule(@"(?m)^(\s*-?\s*)([^\s:#'""][^:#\n]*?)(?=\s*:(?:\s|$))", null, ScopeName.JsonKey),
            Rule(@"'[^'\n]*'|""(?:\\.|[^""\\\n])*""", ScopeName.String),
            Rule(@"\b(?:true|false|null|yes|no|on|off|True|False|None)\b", ScopeName.Keyword),
            Rule(@"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b", ScopeName.Number),
            Rule(@"(?m)^\s*\[[^\]\n]+\]\s*$", ScopeName.Type),
        ]));
        Languages.Load(new Grammar(Go, "Go", [
            Rule(@"(?m)//.*$|/\*[\s\S]*?\*/", ScopeName.Comment),
            Rule(@"`[^`]*`|""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\\n])+'", ScopeName.String),
            Rule(@"\b(?:break|case|chan|const|continue|default|defer|else|fallthrough|for|func|go|goto|if|import|interface|map|package|range|return|select|struct|switch|type|var|true|false|nil|iota)\b", ScopeName.Keyword),
            Rule(@"\b(?:bool|byte|complex64|complex128|error|float32|float64|int|int8|int16|int32|int64|rune|string|uint|uint8|uint16|uint32|uint64|uintptr|any)\b", ScopeName.Type),
            Rule(@"\b(?:append|cap|close|copy|delete|len|make|new|panic|print|println|recover)\b(?=\s*\()", ScopeName.BuiltinFunction),
            Rule(@"\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b|\b0x[0-9a-fA-F]+\b", ScopeName.Number),
        ]));
        Languages.Load(new Grammar(Rust, "Rust", [
            Rule(@"(?m)//.*$|/\*[\s\S]*?\*/", ScopeName.Comment),
            Rule(@"b?""(?:\\.|[^""\\])*""|b?'(?:\\.|[^'\\\n])'", ScopeName.String),
            Rule(@"\b(?:as|async|await|break|const|continue|crate|dyn|else|enum|extern|false|fn|for|if|impl|in|let|loop|match|mod|move|mut|pub|ref|return|self|Self|static|struct|super|trait|true|type|unsafe|use|where|while)\b", ScopeName.Keyword),
            Rule(@"\b(?:i8|i16|i32|i64|i128|isize|u8|u16|u32|u64|u128|usize|f32|f64|bool|char|str|String|Vec|Option|Result|Box|Some|None|Ok|Err)\b", ScopeName.Type),
            Rule(@"\b\w+!", ScopeName.BuiltinFunction),
            Rule(@"\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?(?:[iuf](?:8|16|32|64|128|size))?\b", ScopeName.Number),
        ]));
    }

    /// <summary>A rule colouring the whole match (<paramref name="whole"/>) and/or its first group (<paramref name="group1"/>; then group 2).</summary>
    private static LanguageRule Rule(string regex, string? whole, string? group2 = null)
    {
        var captures = new Dictionary<int, string>();
        if (whole is not null) captures[0] = whole;
        if (group2 is not null) captures[2] = group2;
        return new LanguageRule(regex, captures);
    }

    private sealed class Grammar(string id, string name, IList<LanguageRule> rules) : ILanguage
    {
        public string Id => id;
        public string Name => name;
        public string CssClassName => id;
        public string? FirstLinePattern => null;
        public IList<LanguageRule> Rules => rules;
        public bool HasAlias(string lang) => false;
    }
}
