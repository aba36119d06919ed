using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies.Questions;

/// <summary>Tenant-wide guest settings (TeamsClientConfiguration, TeamsGuestCallingConfiguration, TeamsGuestMeetingConfiguration).</summary>
public sealed class GuestQuestions
{
    private static readonly PolicyParameter AllowGuestUser = PolicyTypes.TeamsClientConfiguration.FindParameter("AllowGuestUser")!;
    private static readonly PolicyParameter PrivateCalling = PolicyTypes.TeamsGuestCallingConfiguration.FindParameter("AllowPrivateCalling")!;
    private static readonly PolicyParameter IpVideo = PolicyTypes.TeamsGuestMeetingConfiguration.FindParameter("AllowIPVideo")!;
    private static readonly PolicyParameter ScreenSharing = PolicyTypes.TeamsGuestMeetingConfiguration.FindParameter("ScreenSharingMode")!;
    private static readonly PolicyParameter MeetNow = PolicyTypes.TeamsGuestMeetingConfiguration.FindParameter("AllowMeetNow")!;
    private static readonly PolicyParameter Transcription = PolicyTypes.TeamsGuestMeetingConfiguration.FindParameter("AllowTranscription")!;
    private readonly PolicyDirectory _directory;

    internal GuestQuestions(PolicyDirectory directory) => _directory = directory;

    public bool AreGuestsAllowed => Global(PolicyTypes.TeamsClientConfiguration).GetBoolean(AllowGuestUser);

    public bool MayGuestsCallPrivately => Global(PolicyTypes.TeamsGuestCallingConfiguration).GetBoolean(PrivateCalling);

    public bool MayGuestsSendVideo => Global(PolicyTypes.TeamsGuestMeetingConfiguration).GetBoolean(IpVideo);

    public ScreenSharingMode GuestScreenSharing => Global(PolicyTypes.TeamsGuestMeetingConfiguration).GetEnum<ScreenSharingMode>(ScreenSharing);

    public bool MayGuestsMeetNow => Global(PolicyTypes.TeamsGuestMeetingConfiguration).GetBoolean(MeetNow);

    public bool MayGuestMeetingsBeTranscribed => Global(PolicyTypes.TeamsGuestMeetingConfiguration).GetBoolean(Transcription);

    private Policy Global(PolicyType type) => _directory.Resolve(Guid.Empty, type).Policy;
}
