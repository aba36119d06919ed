namespace Conclave.Server.Hosting;

/// <summary>A bad setting found at start: its message is one line meant for the operator, no stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
