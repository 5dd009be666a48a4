namespace Outreach.Telephony.Emulator;

/// <summary>The built-in Twilio emulator (configuration section "Emulator").</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>Hosts the emulator even when Twilio:ApiBaseUrl points elsewhere (e.g. a standalone emulator).</summary>
    public bool Enabled { get; set; }

    /// <summary>Seeds the fault injection, so a run can be repeated.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How many messages are delivered (and their callbacks posted) at once.</summary>
    public int DeliveryConcurrency { get; set; } = 64;

    /// <summary>
    /// Messages and calls that have ended are forgotten this long after their last status change (Twilio keeps them;
    /// the emulator holds them in memory). A server that comes back after a crash looks up only its last minutes'
    /// messages. Zero keeps everything.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many calls can be in progress at once.</summary>
    public int CallConcurrency { get; set; } = 1000;

    /// <summary>How long a phone rings before it is answered, unless its behaviour says otherwise.</summary>
    public TimeSpan RingTime { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a person on the resident-phone page has to answer a Gather.</summary>
    public TimeSpan InteractiveGatherTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>In a ConversationRelay session, how long a scripted resident with nothing left to say waits for the agent to end the call before hanging up.</summary>
    public TimeSpan RelayPatience { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Where a resident's SMS to the community number is posted. Default: {PublicBaseUrl}/twilio/sms/inbound.</summary>
    public Uri? SmsUrl { get; set; }

    /// <summary>Where a resident's call to the community number is posted. Default: {PublicBaseUrl}/twilio/voice/inbound.</summary>
    public Uri? VoiceUrl { get; set; }

    /// <summary>Behaviour per resident number (E.164 key); numbers not listed answer and stay silent.</summary>
    public Dictionary<string, PhoneBehaviour> Phones { get; set; } = new(StringComparer.Ordinal);

    public EmulatorFaults Faults { get; set; } = new();
}
