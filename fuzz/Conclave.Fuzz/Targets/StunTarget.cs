using Conclave.Protocols.Stun;

namespace Conclave.Fuzz.Targets;

/// <summary>STUN messages as ICE and TURN receive them: parse, then read every attribute and check integrity.</summary>
public sealed class StunTarget : IFuzzTarget
{
    private static readonly byte[] Key = new byte[16];

    public string Name => "stun";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!StunMessage.TryParse(data, out var message, out _))
        {
            return;
        }

        foreach (var attribute in message.Attributes)
        {
            _ = message.GetValue(attribute);
        }

        message.TryGetString(StunAttributeType.Username, out _);
        message.TryGetString(StunAttributeType.Realm, out _);
        message.TryGetErrorCode(out _, out _);
        message.TryGetXorAddress(StunAttributeType.XorMappedAddress, out _);
        message.GetXorAddresses(StunAttributeType.XorPeerAddress);
        message.TryGetMappedAddress(out _);
        message.TryGetUInt32(StunAttributeType.Priority, out _);
        message.TryGetUInt64(StunAttributeType.IceControlling, out _);
        message.GetUnknownAttributes();
        message.GetUnknownComprehensionRequired();
        message.VerifyMessageIntegrity(Key);
        message.VerifyMessageIntegritySha256(Key);
        message.VerifyFingerprint();
    }
}
