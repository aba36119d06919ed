namespace Conclave.Server.Media;

/// <summary>Why the processor did not open a leg: a stable code (<c>media.invalid_offer</c>, …) and human text.</summary>
public sealed record MediaRefusal(string Code, string Message)
{
    public const string InvalidOfferCode = "media.invalid_offer";
    public const string LegExistsCode = "media.leg_exists";
    public const string CapacityCode = "media.capacity";
    public const string UnavailableCode = "media.unavailable";
}
