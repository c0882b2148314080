namespace Site.Cli;

/// <summary>The command line is wrong (<see cref="OptionsValidator"/>): each error is printed as <c>error: …</c> and the
/// command exits with <see cref="OptionsValidator.UsageExitCode"/> before any work.</summary>
public sealed class UsageException(IReadOnlyList<string> errors) : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
