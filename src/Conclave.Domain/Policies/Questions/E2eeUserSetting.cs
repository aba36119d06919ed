namespace Conclave.Domain.Policies.Questions;

/// <summary>A user's own E2EE-calls switch, as stored on the server and synchronised to every device.</summary>
public enum E2eeUserSetting
{
    /// <summary>Never touched: the policy's default applies.</summary>
    Unset,
    On,
    Off,
}
