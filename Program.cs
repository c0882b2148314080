return await Site.Cli.CommandLine.RunAsync(args);
