using LipSyncGuard.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
