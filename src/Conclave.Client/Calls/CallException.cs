using Conclave.Contracts.Errors;

namespace Conclave.Client.Calls;

/// <summary>The server (or the media layer) refused or ended a call step; <see cref="Code"/> is stable.</summary>
public sealed class CallException : Exception
{
    public CallException()
    {
        Code = ErrorCodes.Client.CallError;
    }

    public CallException(string message)
        : base(message)
    {
        Code = ErrorCodes.Client.CallError;
    }

    public CallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCodes.Client.CallError;
    }

    public CallException(SignalError error, E2eeInfo? e2ee = null, Exception? innerException = null)
        : base($"{error?.Code}: {error?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Code = error.Code;
        Detail = error.Message;
        E2ee = e2ee;
        RetryAfter = error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    public string Code { get; }

    public string? Detail { get; }

    /// <summary>The E2EE verdict, when the server gave one with the refusal (e.g. <c>call.e2ee_required</c>).</summary>
    public E2eeInfo? E2ee { get; }

    /// <summary>For <c>call.rate_limited</c>: how long until the server would allow the call.</summary>
    public TimeSpan? RetryAfter { get; }
}
