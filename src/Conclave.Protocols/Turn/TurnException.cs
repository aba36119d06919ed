namespace Conclave.Protocols.Turn;

/// <summary>A TURN request failed: the server's error code (RFC 8656 §18), or 0 when it did not answer.</summary>
public sealed class TurnException : Exception
{
    public TurnException()
    {
    }

    public TurnException(string message)
        : base(message)
    {
    }

    public TurnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TurnException(int errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    public int ErrorCode { get; }
}
