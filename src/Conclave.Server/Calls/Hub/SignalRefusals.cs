using Conclave.Domain.Common;

namespace Conclave.Server.Calls;

/// <summary>
/// The server's ways of building the hub's refusals (the messages themselves are in Conclave.Contracts, which
/// holds no logic). <see cref="ToSignal"/> is the one mapping of a domain <see cref="Error"/> to the hub: the
/// same code and message as its REST problem details (<see cref="Http.Problems.FromError"/>).
/// </summary>
public static class SignalRefusals
{
    /// <summary>The hub's form of <paramref name="error"/>: <c>Code</c> is the problem's <c>code</c>, <c>Message</c> its <c>detail</c>.</summary>
    public static SignalError ToSignal(this Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new SignalError(error.Code, error.Message);
    }

    extension(DeviceInfo)
    {
        /// <summary>A refused registration: only <see cref="DeviceInfo.Error"/> is set.</summary>
        public static DeviceInfo Refused(SignalError error) => new(null, null, null, false, error);
    }
}

/// <summary>Builds a refused <see cref="PlaceCallAnswer"/> (an extension, as the contract type has no logic).</summary>
public static class PlaceCallRefusals
{
    extension(PlaceCallAnswer)
    {
        /// <summary>A refused call: no id, no E2EE verdict, no ICE servers.</summary>
        public static PlaceCallAnswer Refused(SignalError error) => new(null, error, null, []);
    }
}

/// <summary>Builds a refused <see cref="AcceptAnswer"/> (an extension, as the contract type has no logic).</summary>
public static class AcceptRefusals
{
    extension(AcceptAnswer)
    {
        /// <summary>A refused answer: no E2EE verdict, no ICE servers.</summary>
        public static AcceptAnswer Refused(SignalError error) => new(error, null, []);
    }
}
