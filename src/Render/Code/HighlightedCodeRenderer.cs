using System.Net;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Site.Render.Code;

/// <summary>
/// Writes a code block as a header bar (language label, copy button) above the code, so neither ever
/// covers a line of code at any width, and the code highlighted at build time by <see cref="CodeHighlighter"/>:
/// <code>&lt;div class="code-block"&gt;&lt;div class="code-head" data-lang="python"&gt;&lt;button class="code-copy"…&gt;&lt;/div&gt;&lt;pre&gt;&lt;code class="language-python"&gt;…</code>
/// The label is drawn from <c>data-lang</c> by CSS, so it adds no words to the page text. Pages run no highlighting script.
/// </summary>
public sealed class HighlightedCodeRenderer : CodeBlockRenderer
{
    public static void Setup(HtmlRenderer renderer)
    {
        if (!renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new HighlightedCodeRenderer()))
            renderer.ObjectRenderers.Add(new HighlightedCodeRenderer());
    }

    protected override void Write(HtmlRenderer renderer, CodeBlock obj)
    {
        if (obj is MathBlock || !renderer.EnableHtmlForBlock) { base.Write(renderer, obj); return; }
        var info = (obj as FencedCodeBlock)?.Info;
        var lang = CodeLanguages.NameOf(info);
        var code = obj.Lines.Count == 0 ? "" : obj.Lines.ToString() + "\n";
        renderer.EnsureLine();
        renderer.Write("<div class=\"code-block\"><div class=\"code-head\"");
        if (lang.Length > 0) renderer.Write(" data-lang=\"").Write(WebUtility.HtmlEncode(lang)).Write('"');
        renderer.Write("><button type=\"button\" class=\"code-copy\" aria-label=\"复制代码 Copy code\" title=\"复制代码 Copy code\"></button></div><pre><code");
        renderer.WriteAttributes(obj);
        renderer.Write('>');
        var highlighted = CodeHighlighter.Highlight(code, info);
        if (highlighted is not null) renderer.Write(highlighted);
        else renderer.WriteEscape(code);
        renderer.WriteLine("</code></pre></div>");
    }
}
