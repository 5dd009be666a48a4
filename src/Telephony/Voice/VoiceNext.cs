namespace Outreach.Telephony.Voice;

public enum VoiceNext
{
    Gather,
    Dial,
    Hangup,
}
