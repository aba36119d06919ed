namespace Conclave.Server.Relay;

/// <summary>
/// Gives the connection a request arrived on, made only when an answer is needed so that
/// indications and dropped requests cost no object.
/// </summary>
internal interface IRelayConnectionSource
{
    IRelayClientConnection GetConnection();
}
