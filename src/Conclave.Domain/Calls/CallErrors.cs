using Conclave.Domain.Common;

namespace Conclave.Domain.Calls;

/// <summary>The stable refusal codes of the call domain.</summary>
public static class CallErrors
{
    public const string WrongStateCode = "call.wrong_state";
    public const string NotPartyCode = "call.not_party";
    public const string NotFoundCode = "call.not_found";
    public const string BusyCode = "call.busy";
    public const string SelfCallCode = "call.self";
    public const string E2eeRequiredCode = "call.e2ee_required";
    public const string UnknownCalleeCode = "call.unknown_callee";
    public const string NoDeviceCode = "call.no_device";

    /// <summary>A feature that needs the media asked for in an end-to-end encrypted call.</summary>
    public const string E2eeActiveCode = "E2eeActive";

    /// <summary>A feature asked for in a standard call before its implementation exists.</summary>
    public const string NotAvailableCode = "NotAvailable";

    /// <summary>A standard (not end-to-end encrypted) call needs the server's media processor, which is not offered yet.</summary>
    public const string StandardMediaUnavailableCode = "call.standard_media_unavailable";

    public static Error WrongState(CallState state, string action) =>
        new(WrongStateCode, $"The call cannot be {action}: it is {state}.", ErrorKind.Conflict);

    public static Error NotParty() => new(NotPartyCode, "You are not a party to this call.", ErrorKind.Forbidden);

    public static Error NotFound() => new(NotFoundCode, "There is no such call.", ErrorKind.NotFound);

    public static Error SelfCall() => new(SelfCallCode, "You cannot call yourself.");

    public static Error UnknownCallee(string upn) => new(UnknownCalleeCode, $"There is no user {upn}.", ErrorKind.NotFound);

    public static Error NoDevice() => new(NoDeviceCode, "Register this device before placing or answering calls.");

    public static Error StandardMediaUnavailable() => new(
        StandardMediaUnavailableCode,
        "This call is not end-to-end encrypted, and standard calls through the server's media processor are not supported yet.",
        ErrorKind.Conflict);
}
