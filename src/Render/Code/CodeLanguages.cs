using ColorCode;
using ColorCode.Common;

namespace Site.Render.Code;

/// <summary>A fenced block's info string ("python", "py", "C++", "shell {.x}") → the ColorCode language, or null.</summary>
public static class CodeLanguages
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["py"] = LanguageId.Python, ["python"] = LanguageId.Python, ["python3"] = LanguageId.Python, ["py3"] = LanguageId.Python,
        ["ipython"] = LanguageId.Python, ["pycon"] = LanguageId.Python,
        ["js"] = LanguageId.JavaScript, ["javascript"] = LanguageId.JavaScript, ["mjs"] = LanguageId.JavaScript, ["cjs"] = LanguageId.JavaScript,
        ["jsx"] = LanguageId.JavaScript, ["node"] = LanguageId.JavaScript,
        ["ts"] = LanguageId.TypeScript, ["typescript"] = LanguageId.TypeScript, ["tsx"] = LanguageId.TypeScript,
        ["c"] = LanguageId.Cpp, ["cpp"] = LanguageId.Cpp, ["c++"] = LanguageId.Cpp, ["cc"] = LanguageId.Cpp, ["cxx"] = LanguageId.Cpp,
        ["h"] = LanguageId.Cpp, ["hpp"] = LanguageId.Cpp, ["cuda"] = LanguageId.Cpp, ["cu"] = LanguageId.Cpp, ["objc"] = LanguageId.Cpp,
        ["cs"] = LanguageId.CSharp, ["csharp"] = LanguageId.CSharp, ["c#"] = LanguageId.CSharp,
        ["fs"] = LanguageId.FSharp, ["fsharp"] = LanguageId.FSharp, ["f#"] = LanguageId.FSharp,
        ["java"] = LanguageId.Java, ["kotlin"] = LanguageId.Java, ["kt"] = LanguageId.Java, ["scala"] = LanguageId.Java,
        ["sql"] = LanguageId.Sql, ["mysql"] = LanguageId.Sql, ["postgresql"] = LanguageId.Sql, ["sqlite"] = LanguageId.Sql, ["hive"] = LanguageId.Sql,
        ["html"] = LanguageId.Html, ["htm"] = LanguageId.Html, ["vue"] = LanguageId.Html, ["svg"] = LanguageId.Xml,
        ["xml"] = LanguageId.Xml, ["xaml"] = LanguageId.Xml, ["css"] = LanguageId.Css, ["scss"] = LanguageId.Css, ["less"] = LanguageId.Css,
        ["php"] = LanguageId.Php, ["ps"] = LanguageId.PowerShell, ["ps1"] = LanguageId.PowerShell, ["powershell"] = LanguageId.PowerShell,
        ["md"] = LanguageId.Markdown, ["markdown"] = LanguageId.Markdown, ["matlab"] = LanguageId.MatLab, ["m"] = LanguageId.MatLab,
        ["haskell"] = LanguageId.Haskell, ["hs"] = LanguageId.Haskell, ["fortran"] = LanguageId.Fortran, ["vb"] = LanguageId.VbDotNet,
        ["json"] = "json", ["jsonc"] = "json", ["json5"] = "json", ["ipynb"] = "json",
        ["sh"] = ExtraLanguages.Bash, ["bash"] = ExtraLanguages.Bash, ["shell"] = ExtraLanguages.Bash, ["zsh"] = ExtraLanguages.Bash,
        ["console"] = ExtraLanguages.Bash, ["shell-session"] = ExtraLanguages.Bash, ["dockerfile"] = ExtraLanguages.Bash, ["docker"] = ExtraLanguages.Bash,
        ["yaml"] = ExtraLanguages.Yaml, ["yml"] = ExtraLanguages.Yaml, ["toml"] = ExtraLanguages.Yaml, ["ini"] = ExtraLanguages.Yaml,
        ["go"] = ExtraLanguages.Go, ["golang"] = ExtraLanguages.Go, ["rust"] = ExtraLanguages.Rust, ["rs"] = ExtraLanguages.Rust,
    };

    /// <summary>The language's name as the block's info string gives it: first word, lower case ("Python {.x}" → "python"); "" if none.</summary>
    public static string NameOf(string? info)
    {
        if (string.IsNullOrWhiteSpace(info)) return "";
        var s = info.Trim();
        var end = s.IndexOfAny([' ', '\t', '{', ',']);
        return (end < 0 ? s : s[..end]).ToLowerInvariant();
    }

    /// <summary>Every language an info string can name (<see cref="PrecompiledGrammars"/> is generated for these).</summary>
    public static IEnumerable<ILanguage> All
    {
        get
        {
            ExtraLanguages.Register();
            return Aliases.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(Languages.FindById);
        }
    }

    public static ILanguage? Find(string? info)
    {
        var name = NameOf(info);
        if (name.Length == 0) return null;
        ExtraLanguages.Register();
        return Aliases.TryGetValue(name, out var id) ? Languages.FindById(id) : null;
    }
}
