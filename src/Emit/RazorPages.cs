using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Site.Emit;

/// <summary>
/// Renders Razor components to static HTML offline (Blazor's HtmlRenderer). One renderer per worker
/// thread: a renderer's dispatcher is single-threaded, so pages render in parallel across renderers.
/// </summary>
public sealed class RazorPages : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ThreadLocal<HtmlRenderer> _renderers;

    public RazorPages()
    {
        var sc = new ServiceCollection();
        sc.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        // Keep CJK text as text: the default encoder turns every Chinese character into an 8-byte entity.
        sc.AddSingleton(PageBuffer.Encoder); // the fast path encodes with the same instance
        sc.AddSingleton(System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        sc.AddSingleton<IComponentActivator>(new PlainActivator());
        _services = sc.BuildServiceProvider();
        _renderers = new ThreadLocal<HtmlRenderer>(() => new HtmlRenderer(_services, NullLoggerFactory.Instance), trackAllValues: true);
    }

    /// <summary>
    /// Components made by their parameterless constructors. Blazor's default activator compiles an expression tree for
    /// each component type (~16 per build: built, emitted as IL and JIT-compiled every time) so that a long-running app
    /// creates millions quickly; a build creates a few thousand, where reflection costs less than the compiling.
    /// </summary>
    private sealed class PlainActivator : IComponentActivator
    {
        public IComponent CreateInstance([System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(Component)] Type componentType) =>
            Activator.CreateInstance(componentType) as IComponent
            ?? throw new ArgumentException($"{componentType.FullName} is not a component", nameof(componentType));

        private const System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes Component =
            System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors;
    }

    /// <summary>A whole page: doctype + the component's HTML.</summary>
    public string Render<T>(IDictionary<string, object?> parameters) where T : IComponent => "<!DOCTYPE html>\n" + RenderFragment<T>(parameters);

    /// <summary>The component's HTML alone (a fragment such as the sidebar tree or one list item).</summary>
    public string RenderFragment<T>(IDictionary<string, object?> parameters) where T : IComponent
    {
        var renderer = _renderers.Value!;
        // Blocking on the dispatcher under a caller's SynchronizationContext (xunit, UI hosts) would
        // deadlock: render with none.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var html = renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters)).ConfigureAwait(false);
                return output.ToHtmlString();
            }).GetAwaiter().GetResult();
            return html;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var r in _renderers.Values) await r.DisposeAsync();
        _renderers.Dispose();
        await _services.DisposeAsync();
    }
}
