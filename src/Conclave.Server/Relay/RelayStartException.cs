namespace Conclave.Server.Relay;

/// <summary>The relay could not bind a listener; the message is one line meant for the operator.</summary>
public sealed class RelayStartException(string message, Exception? inner = null) : Exception(message, inner);
