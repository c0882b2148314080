namespace Site.Cli.Scaffold;

/// <summary>The files `kbsite new` writes, by path inside the new notes folder. {{TITLE}} and {{VERSION}} are filled in.</summary>
public static class ScaffoldFiles
{
    public static IReadOnlyList<(string Path, string Text)> All { get; } = new[]
    {
        ("site.yml", SiteYml),
        ("welcome.md", Welcome),
        (".gitignore", GitIgnore),
        (".github/workflows/pages.yml", PagesWorkflow),
    };

    private const string SiteYml = """
        # Site settings for kbsite. Every key is optional; a command-line flag wins over this file.
        title: "{{TITLE}}"
        description: "Notes in Chinese and English, with math and code."
        language: zh-CN          # the pages' <html lang>
        # base_url: /notes/      # URL prefix; the GitHub Pages workflow passes the right one itself
        # site_url: https://me.github.io
        strict: false            # true: any warning fails the build
        drafts: false            # true: include notes with `draft: true`
        math:
          fix: false             # true: repair TeX whose backslashes were lost (rac{ → \frac{)

        """;

    private const string Welcome = """
        ---
        title: 欢迎 · Welcome
        tags: [入门, getting-started]
        ---

        # 欢迎 · Welcome

        这是你的第一篇笔记。每个 `.md` 文件是一篇笔记，文件夹成为侧栏里的分组。

        This is your first note. Every `.md` file is a note; folders become groups in the sidebar.
        Run `kbsite preview --open` and edit this file: the page reloads as you save.

        ## 数学 · Math

        行内公式 $E = mc^2$，以及独立公式 (display math):

        $$
        \int_0^1 x^2 \, dx = \frac{1}{3}
        $$

        ## 代码 · Code

        ```python
        def softmax(xs):
            m = max(xs)
            es = [math.exp(x - m) for x in xs]
            return [e / sum(es) for e in es]
        ```

        ## 搜索 · Search

        按 `/` 搜索全部笔记，中文和 English 都可以。

        """;

    private const string GitIgnore = """
        # kbsite build output and cache
        _site/
        .kbsite-cache/
        ._site.*

        """;

    private const string PagesWorkflow = """
        # Builds these notes with kbsite and publishes them to GitHub Pages.
        # Repository settings → Pages → Source: GitHub Actions.
        name: Publish notes
        on:
          push:
            branches: [main]
          workflow_dispatch:
        permissions:
          contents: read
          pages: write
          id-token: write
        concurrency:
          group: pages
          cancel-in-progress: true
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v7
                with:
                  fetch-depth: 0   # full history: "last modified" dates come from git
              - uses: actions/setup-dotnet@v5
                with:
                  dotnet-version: '10.0.x'
              - uses: actions/setup-node@v7   # KaTeX renders math at build time
                with:
                  node-version: '22'
              - name: Install kbsite
                run: dotnet tool install --global Kbsite --version {{VERSION}}
              - id: pages
                uses: actions/configure-pages@v6
              - name: Build (warnings fail the build)
                run: >
                  kbsite build --strict
                  --base-url "${{ steps.pages.outputs.base_path }}/"
                  --site-url "${{ steps.pages.outputs.origin }}"
              - uses: actions/upload-pages-artifact@v5
                with:
                  path: _site
          deploy:
            needs: build
            runs-on: ubuntu-latest
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - id: deployment
                uses: actions/deploy-pages@v5

        """;
}
