using System.Collections.Immutable;

namespace Site.Core;

/// <summary>A verb-named step that turns a set of notes into a new set (Statiq-style module).</summary>
public interface IModule
{
    string Name => GetType().Name;
    ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx);
}

/// <summary>A module that works on each note independently, in parallel. Returning null drops the note.</summary>
public abstract class PerNoteModule : IModule
{
    public virtual string Name => GetType().Name;

    protected abstract Note? Process(Note note, BuildContext ctx);

    public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx)
    {
        var results = new Note?[notes.Length];
        Parallel.For(0, notes.Length, new ParallelOptions { MaxDegreeOfParallelism = ctx.Parallelism }, i =>
        {
            try { results[i] = Process(notes[i], ctx); }
            catch (Exception ex)
            {
                // A bug or pathological input in one note must not take the site down, nor lose the
                // note: it passes through unchanged and later stages fall back to plain text.
                var (line, message) = Describe(Name, ex, notes[i]);
                ctx.Diagnostics.Error(notes[i].SourcePath, line, message);
                results[i] = notes[i];
            }
        });
        return results.Where(n => n is not null).Select(n => n!).ToImmutableArray();
    }

    /// <summary>A readable diagnostic for an exception a module hit on one note, and the source line it is about.</summary>
    public static (int Line, string Message) Describe(string stage, Exception ex, Note note)
    {
        if (!MarkdownDepth.IsDepthLimit(ex)) return (1, $"{stage} failed: {ex.GetType().Name}: {ex.Message}");
        var (line, cause) = MarkdownDepth.Explain(note.Body);
        return (note.SourceLineOf(line - 1), $"Markdown is nested too deeply for the parser: {cause}; the note is shown as plain text");
    }
}
