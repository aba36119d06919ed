using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Calls;

/// <summary>
/// The question "may this call use feature X now?". In an E2EE call every <see cref="CallFeature"/> is
/// refused with <see cref="ErrorCodes.Call.E2eeActive"/>: each needs the media, and only the two endpoints
/// hold the keys. In a standard call they answer <see cref="ErrorCodes.Call.NotAvailable"/> until implemented.
/// </summary>
public static class CallFeatures
{
    public static Error Request(CallSession call, CallFeature feature)
    {
        ArgumentNullException.ThrowIfNull(call);
        var name = Describe(feature);
        if (call.State != CallState.Connected)
        {
            return CallErrors.WrongState(call.State, $"given {name}");
        }

        return call.E2ee.EndToEnd
            ? new Error(ErrorCodes.Call.E2eeActive, $"{name} is not possible in an end-to-end encrypted call: end-to-end encryption must be turned off for it.", ErrorKind.Conflict)
            : new Error(ErrorCodes.Call.NotAvailable, $"{name} is not available yet.", ErrorKind.Conflict);
    }

    public static string Describe(CallFeature feature) => feature switch
    {
        CallFeature.StartRecording => "Recording",
        CallFeature.Captions => "Live captions",
        CallFeature.Transcription => "Transcription",
        CallFeature.TransferBlind => "Blind transfer",
        CallFeature.TransferConsult => "Consult transfer",
        CallFeature.Park => "Call park",
        CallFeature.Merge => "Merging calls",
        CallFeature.Companion => "Joining from a companion device",
        CallFeature.TransferToDevice => "Transfer to another device",
        CallFeature.AddParticipant => "Adding a participant",
        CallFeature.Apps => "Apps in the call",
        _ => feature.ToString(),
    };
}
