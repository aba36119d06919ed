namespace Conclave.Domain.Calls;

/// <summary>In-call features that need the server to see or move the media, which E2EE rules out.</summary>
public enum CallFeature
{
    StartRecording,
    Captions,
    Transcription,
    TransferBlind,
    TransferConsult,
    Park,
    Merge,
    Companion,
    TransferToDevice,
    AddParticipant,
    Apps,
}
