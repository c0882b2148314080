using Site.Cli.Commands;
using Spectre.Console.Cli;

namespace Site.Cli;

/// <summary>
/// The command line (Spectre.Console.Cli): <c>kbsite [build] | preview | check | clean | new DIR | --version</c>.
/// With no command it builds: <c>dotnet run --project Site.csproj</c> builds input/ → output/, and in a folder
/// with site.yml, . → _site/. Exit codes: 0 ok, 1 --strict and there were warnings, 2 the build failed or a
/// command refused, 64 (<see cref="OptionsValidator.UsageExitCode"/>) the command line is wrong.
/// </summary>
public static class CommandLine
{
    public const string ToolName = "kbsite";

    /// <summary>Exit code for a command line that cannot be parsed.</summary>
    public const int UsageError = OptionsValidator.UsageExitCode;

    public static async Task<int> RunAsync(string[] args)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try { return await Create().RunAsync(args, cts.Token); }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    public static CommandApp<BuildCommand> Create()
    {
        var app = new CommandApp<BuildCommand>();
        app.Configure(c =>
        {
            c.SetApplicationName(ToolName);
            c.SetApplicationVersion(ThemeCache.Version);
            c.Settings.CancellationExitCode = 130;
            c.Settings.StrictParsing = true;
            c.SetExceptionHandler((ex, _) =>
            {
                switch (ex)
                {
                    case UsageException u:
                        foreach (var e in u.Errors) Console.Error.WriteLine($"error: {e}");
                        return UsageError;
                    case CommandParseException or CommandRuntimeException:
                        Console.Error.WriteLine($"error: {ex.Message} (see {ToolName} --help)");
                        return UsageError;
                    default:
                        // A bug, not bad input: one line, no stack trace; nothing was published.
                        Console.Error.WriteLine($"{ToolName}: internal error {ex.GetType().Name}: {ex.Message}");
                        return 2;
                }
            });
            c.AddCommand<BuildCommand>("build").WithExample("build", "--strict");
            c.AddCommand<PreviewCommand>("preview").WithExample("preview", "--open");
            c.AddCommand<CheckCommand>("check").WithExample("check", "--strict");
            c.AddCommand<CleanCommand>("clean");
            c.AddCommand<NewCommand>("new").WithExample("new", "my-notes");
        });
        return app;
    }
}
