using System.Text.RegularExpressions;

namespace Site.Render.Code;

/// <summary>
/// The highlighter's grammar regexes, generated at build time by the regex source generator (PrecompiledGrammars.g.cs,
/// written by a test from the patterns ColorCode builds: <c>tests/Site.Tests/Render/PrecompiledGrammarsTests.cs</c>), so a
/// build neither emits nor JIT-compiles them. A generated regex is used only while its pattern and options are still the
/// ones ColorCode builds; after an update of either, <see cref="Find"/> answers null (the regex is then compiled at run
/// time) and that test fails until the file is written again.
/// </summary>
internal static partial class PrecompiledGrammars
{
    /// <summary>The generated regex of language <paramref name="id"/>, if it is the same pattern and options as <paramref name="built"/>.</summary>
    public static Regex? Find(string id, Regex built) =>
        Generated(id) is { } g && g.Options == built.Options && g.ToString() == built.ToString() ? g : null;
}
