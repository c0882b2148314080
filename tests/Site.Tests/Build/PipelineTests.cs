using System.Collections.Immutable;
using Site.Core;
using Site.Tests.Support;
using Xunit;

namespace Site.Tests.Build;

/// <summary>Stages that run alongside later ones (the search index while pages are emitted).</summary>
public sealed class PipelineTests : IDisposable
{
    private readonly TempSite _site = new();
    public void Dispose() => _site.Dispose();

    private sealed class Step(Action<ImmutableArray<Note>> act) : IModule
    {
        public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx) { act(notes); return notes; }
    }

    private BuildContext Context(out OutputWriter output)
    {
        output = new OutputWriter(_site.Output);
        return new BuildContext(_site.Options(), output);
    }

    [Fact]
    public void The_pipeline_waits_for_an_alongside_stage_and_times_it()
    {
        var ctx = Context(out var output);
        using var _ = output;
        var done = false;
        var order = new List<string>();
        new Pipeline()
            .AddAlongside("slow", new Step(_ => { Thread.Sleep(200); lock (order) order.Add("slow"); done = true; }))
            .Add("next", new Step(_ => { lock (order) order.Add("next"); }))
            .Run(ImmutableArray<Note>.Empty, ctx);
        Assert.True(done);
        Assert.Equal(new[] { "next", "slow" }, order); // the next stage did not wait for it
        Assert.True(ctx.Timings["slow"] >= 0.19);
    }

    private sealed class Probe(Action<BuildContext> act) : IModule
    {
        public ImmutableArray<Note> Execute(ImmutableArray<Note> notes, BuildContext ctx) { act(ctx); return notes; }
    }

    [Fact]
    public void Alongside_stages_get_fewer_threads_while_a_math_worker_needs_a_core_and_share_everything_else()
    {
        var ctx = new BuildContext(_site.Options() with { Parallelism = 4 }, output: null!);
        int alongside = 0, later = 0;
        new Pipeline()
            .Add("first", new Probe(c => c.Items[BuildContext.AlongsideParallelismKey] = 3))
            .AddAlongside("side", new Probe(c => { alongside = c.Parallelism; c.Items["from-side"] = 1; c.Diagnostics.Warn("a.md", 1, "seen"); c.Timings["side-own"] = 1; }))
            .Add("next", new Probe(c => later = c.Parallelism))
            .Run(ImmutableArray<Note>.Empty, ctx);
        Assert.Equal(3, alongside);
        Assert.Equal(4, later); // stages on the main path keep every core
        Assert.True(ctx.Items.ContainsKey("from-side"));
        Assert.Single(ctx.Diagnostics.All);
        Assert.True(ctx.Timings.ContainsKey("side-own"));
    }

    [Fact]
    public void A_failing_alongside_stage_fails_the_build_after_the_others_finished()
    {
        var ctx = Context(out var output);
        using var _ = output;
        var after = false;
        var ex = Assert.Throws<InvalidOperationException>(() => new Pipeline()
            .AddAlongside("broken", new Step(_ => throw new InvalidOperationException("index broke")))
            .Add("next", new Step(_ => { Thread.Sleep(50); after = true; }))
            .Run(ImmutableArray<Note>.Empty, ctx));
        Assert.Equal("index broke", ex.Message);
        Assert.True(after);
    }

    [Fact]
    public void A_failing_stage_still_waits_for_a_running_alongside_stage()
    {
        var ctx = Context(out var output);
        using var _ = output;
        var finished = false;
        Assert.Throws<IOException>(() => new Pipeline()
            .AddAlongside("writer", new Step(_ => { Thread.Sleep(150); finished = true; }))
            .Add("emit", new Step(_ => throw new IOException("disk full")))
            .Run(ImmutableArray<Note>.Empty, ctx));
        Assert.True(finished); // nothing writes into the staging folder after Run returns
    }
}
