using System.ComponentModel;
using Spectre.Console.Cli;

namespace Site.Cli.Commands;

/// <summary><c>kbsite preview</c>'s options: the site options plus the port and --open.</summary>
public sealed class PreviewSettings : SiteSettings
{
    [CommandOption("--port <PORT>")]
    [Description("Preview server port (127.0.0.1 only)")]
    [DefaultValue(5000)]
    public int Port { get; set; } = 5000;

    [CommandOption("--open")]
    [Description("Open the preview in the default browser once it is served")]
    public bool Open { get; set; }
}
