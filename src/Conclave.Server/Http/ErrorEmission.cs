using System.Diagnostics;

namespace Conclave.Server.Http;

/// <summary>
/// The one hook through which every error code the server sends is reported: the problem details writer
/// (<see cref="Problems.Customize"/>), a refused token request's <c>conclave_code</c> and the call hub's
/// refusals. Nothing listens in production, and then a report costs one <see cref="DiagnosticSource.IsEnabled(string)"/>
/// check; the contract tests listen and check each code against <see cref="Contracts.Errors.ErrorCodes.All"/>.
/// </summary>
public static class ErrorEmission
{
    /// <summary>The name of the <see cref="DiagnosticListener"/> to subscribe to.</summary>
    public const string ListenerName = "Conclave.Server.Errors";

    /// <summary>The event written for each code sent; its payload is an <see cref="EmittedError"/>.</summary>
    public const string EventName = "ErrorEmitted";

    private static readonly DiagnosticListener Listener = new(ListenerName);

    /// <summary>Reports that <paramref name="code"/> was sent to a client through <paramref name="channel"/>.</summary>
    public static void Report(string code, ErrorChannel channel)
    {
        if (Listener.IsEnabled(EventName))
        {
            Listener.Write(EventName, new EmittedError(code, channel));
        }
    }
}

/// <summary>The way an error code left the server.</summary>
public enum ErrorChannel
{
    /// <summary>The <c>code</c> member of RFC 9457 problem details.</summary>
    ProblemDetails,

    /// <summary>The <c>conclave_code</c> parameter of a refused OAuth token request.</summary>
    TokenResponse,

    /// <summary>The <c>Code</c> of a call hub refusal.</summary>
    Hub,
}

/// <summary>One error code sent to a client, as <see cref="ErrorEmission"/> reports it.</summary>
public sealed record EmittedError(string Code, ErrorChannel Channel);
