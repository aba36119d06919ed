using Conclave.Server;
using Conclave.Server.Relay;

return args.Contains(RelayHost.RelayOnlySwitch)
    ? await RelayHost.RunAsync(args)
    : await ConclaveServer.RunAsync(args);
