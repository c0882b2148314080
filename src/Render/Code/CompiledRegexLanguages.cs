using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ColorCode;
using ColorCode.Common;
using ColorCode.Compilation;
using ColorCode.Parsing;

namespace Site.Render.Code;

/// <summary>
/// ColorCode's language compiler with each grammar's one big regex compiled: ColorCode builds them interpreted, and
/// matching them was a quarter of the render stage's CPU time (1,000 notes). The regex is the one generated at build
/// time (<see cref="PrecompiledGrammars"/>) when ColorCode still builds that pattern, else one built with
/// <see cref="RegexOptions.Compiled"/> (emitting and JIT-compiling it took ~0.15 s of CPU per grammar). The same
/// pattern and options otherwise, so the same matches. Each grammar is compiled once per process, on first use.
/// </summary>
public sealed class CompiledRegexLanguages : ILanguageCompiler
{
    public static readonly CompiledRegexLanguages Instance = new();

    /// <summary>A parser over <see cref="Instance"/> and ColorCode's language list (for grammars nested in others).</summary>
    public static ILanguageParser Parser { get; } = new LanguageParser(Instance, new Repository());

    private readonly ConcurrentDictionary<string, Lazy<CompiledLanguage>> _compiled = new(StringComparer.Ordinal);
    private readonly LanguageCompiler _inner = new(new Dictionary<string, CompiledLanguage>(), new ReaderWriterLockSlim());

    private CompiledRegexLanguages() { }

    public CompiledLanguage Compile(ILanguage language) =>
        _compiled.GetOrAdd(language.Id, _ => new Lazy<CompiledLanguage>(() =>
        {
            var plain = _inner.Compile(language);
            var regex = PrecompiledGrammars.Find(plain.Id, plain.Regex) ?? new Regex(plain.Regex.ToString(), plain.Regex.Options | RegexOptions.Compiled);
            return new CompiledLanguage(plain.Id, plain.Name, regex, plain.Captures);
        })).Value;

    /// <summary>ColorCode's loaded languages (its own and <see cref="ExtraLanguages"/>).</summary>
    private sealed class Repository : ILanguageRepository
    {
        public IEnumerable<ILanguage> All => Languages.All;
        public ILanguage FindById(string languageId) => Languages.FindById(languageId);
        public void Load(ILanguage language) => Languages.Load(language);
    }
}
