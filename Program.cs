Site.Core.CpuShare.InToolProcess = true; // not a test host: a build may lower this process's priority (CpuShare)
Site.Cli.StartupWarmup.Start(); // YAML and Markdown parsers initialized on an idle core while the command line is parsed
return await Site.Cli.CommandLine.RunAsync(args);
