using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Calls;

/// <summary>The stable refusal codes of the call domain.</summary>
public static class CallErrors
{
    public static Error WrongState(CallState state, string action) =>
        new(ErrorCodes.Call.WrongState, $"The call cannot be {action}: it is {state}.", ErrorKind.Conflict);

    public static Error NotParty() => new(ErrorCodes.Call.NotParty, "You are not a party to this call.", ErrorKind.Forbidden);

    public static Error NotFound() => new(ErrorCodes.Call.NotFound, "There is no such call.", ErrorKind.NotFound);

    public static Error SelfCall() => new(ErrorCodes.Call.Self, "You cannot call yourself.");

    public static Error UnknownCallee(string upn) => new(ErrorCodes.Call.UnknownCallee, $"There is no user {upn}.", ErrorKind.NotFound);

    public static Error NoDevice() => new(ErrorCodes.Call.NoDevice, "Register this device before placing or answering calls.");

    public static Error StandardMediaUnavailable() => new(
        ErrorCodes.Call.StandardMediaUnavailable,
        "This call is not end-to-end encrypted, and standard calls through the server's media processor are not supported yet.",
        ErrorKind.Conflict);
}
