using Conclave.Protocols.Stun;

namespace Conclave.Server.Relay;

/// <summary>The outcome of checking a request's long-term credentials (RFC 8489 §9.2.4).</summary>
internal readonly record struct RelayAuthentication(
    int ErrorCode,
    RelayRefusal Refusal,
    string Username,
    string UserId,
    byte[]? Key,
    bool UseSha256Integrity,
    bool UseSha1Integrity)
{
    public bool Succeeded => ErrorCode == 0;

    public static RelayAuthentication Fail(int code, RelayRefusal refusal) =>
        new(code, refusal, string.Empty, string.Empty, null, false, false);

    /// <summary>Adds the integrity attributes the request used, keyed like it (RFC 8489 §9.2.4: responses are protected the same way).</summary>
    public void Protect(StunMessageBuilder builder)
    {
        if (Key is null)
        {
            return;
        }

        if (UseSha1Integrity)
        {
            builder.AddMessageIntegrity(Key);
        }

        if (UseSha256Integrity)
        {
            builder.AddMessageIntegritySha256(Key);
        }
    }
}
