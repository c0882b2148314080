using System.ComponentModel;
using Site.Cli.Scaffold;
using Spectre.Console.Cli;

namespace Site.Cli.Commands;

/// <summary><c>kbsite new DIR [--title T]</c>: a ready notes folder (see <see cref="NotesScaffold"/>). Exit 0 made, 2 refused.</summary>
[Description("Create a notes folder: site.yml, a sample note, .gitignore and a GitHub Pages workflow")]
public sealed class NewCommand : Command<NewCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("Folder to create (must not exist yet, or be empty)")]
        public string Dir { get; set; } = "";

        [CommandOption("--title <TEXT>")]
        [Description("The site title written to site.yml")]
        public string? Title { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var title = settings.Title ?? "我的笔记 · My Notes";
        if (NotesScaffold.Create(settings.Dir, title, ThemeCache.Version) is { } why)
        {
            Console.Error.WriteLine($"{settings.Dir}:1: error: new: {why}; nothing was written");
            return 2;
        }
        Console.WriteLine($"Created {settings.Dir}: site.yml, welcome.md, .gitignore, .github/workflows/pages.yml");
        Console.WriteLine($"Next: cd {settings.Dir} && kbsite preview --open    (or kbsite build → _site/)");
        Console.WriteLine("Then commit the notes with .kbsite/links.tsv, which every build keeps up to date (the Pages workflow builds with --strict and fails while it is stale)");
        return 0;
    }
}
