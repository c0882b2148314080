using System.Text.RegularExpressions;
using ColorCode;
using ColorCode.Compilation;
using Site.Render.Code;
using Xunit;

namespace Site.Tests.Render;

/// <summary>The highlighter's grammars are ColorCode's, only compiled (generated at build time or at run time): same pattern, same matches.</summary>
public class CompiledRegexLanguagesTests
{
    private const string Sample = "def f(x):\n    # 注释 comment\n    return \"s\" + 1 // 2 /* c */ <a href='x'>t</a> $HOME --flag 0.5 fn let int SELECT";

    [Theory]
    [InlineData("python")]
    [InlineData("bash")]
    [InlineData("yaml")]
    [InlineData("json")]
    [InlineData("go")]
    [InlineData("rust")]
    [InlineData("cpp")]
    [InlineData("javascript")]
    [InlineData("sql")]
    [InlineData("html")]
    public void A_grammar_compiles_to_the_same_regex_with_the_same_matches(string info)
    {
        var language = CodeLanguages.Find(info)!;
        var plain = new LanguageCompiler(new Dictionary<string, CompiledLanguage>(), new ReaderWriterLockSlim()).Compile(language);
        var compiled = CompiledRegexLanguages.Instance.Compile(language);

        Assert.Equal(plain.Regex.ToString(), compiled.Regex.ToString());
        Assert.Equal(plain.Regex.Options, compiled.Regex.Options & ~RegexOptions.Compiled);
        Assert.Equal(plain.Captures, compiled.Captures);
        Assert.Equal(Matches(plain.Regex), Matches(compiled.Regex));
        Assert.Same(compiled, CompiledRegexLanguages.Instance.Compile(language)); // compiled once
    }

    private static List<string> Matches(Regex rx) => rx.Matches(Sample)
        .SelectMany(m => m.Groups.Cast<Group>().Select(g => $"{m.Index}:{g.Index}:{g.Length}")).ToList();
}
