using Interdict.App;

return Cli.Run(args);
