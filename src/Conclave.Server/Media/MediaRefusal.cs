using Conclave.Contracts.Errors;

namespace Conclave.Server.Media;

/// <summary>Why the processor did not open a leg: a stable code (<c>media.invalid_offer</c>, …) and human text.</summary>
public sealed record MediaRefusal(string Code, string Message)
{
    public const string InvalidOfferCode = ErrorCodes.Media.InvalidOffer;
    public const string LegExistsCode = ErrorCodes.Media.LegExists;
    public const string CapacityCode = ErrorCodes.Media.Capacity;
    public const string UnavailableCode = ErrorCodes.Media.Unavailable;
}
