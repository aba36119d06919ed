using Conclave.Server.Hosting;

return await ConclaveServer.RunAsync(args);
