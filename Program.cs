Site.Core.CpuShare.InToolProcess = true; // not a test host: a build may lower this process's priority (CpuShare)
return await Site.Cli.CommandLine.RunAsync(args);
