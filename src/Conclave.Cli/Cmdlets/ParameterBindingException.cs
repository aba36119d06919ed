namespace Conclave.Cli.Cmdlets;

/// <summary>A parameter could not be bound; the message is worded as PowerShell words it and names the parameter.</summary>
internal sealed class ParameterBindingException : Exception
{
    public ParameterBindingException()
    {
    }

    public ParameterBindingException(string message)
        : base(message)
    {
    }

    public ParameterBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
