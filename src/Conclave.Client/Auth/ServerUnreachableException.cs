namespace Conclave.Client.Auth;

/// <summary>The server could not be reached or its TLS identity was not accepted (connection refused, DNS, TLS failure).</summary>
public class ServerUnreachableException : Exception
{
    public ServerUnreachableException()
    {
    }

    public ServerUnreachableException(string message)
        : base(message)
    {
    }

    public ServerUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
