namespace Outreach.Agent.Prompts;

/// <summary>A resident-facing text the offline agent says; one file per language under prompts/replies/.</summary>
public enum CannedText
{
    Greeting,
    Confirmed,
    Declined,
    OptionChosen,
    SlotFull,
    SlotsAllFull,
    Acknowledged,
    FreeAnswer,
    OptedOut,
    OptedIn,
    Help,
    StaffWillReply,
    CallbackRequested,
    Handoff,
    ProblemReported,
    UnclearSms,
    UnclearVoice,
    CallPrompt,
    CallPromptOptions,
    CallPromptOpen,
    SmsHintConfirm,
    SmsHintOptions,
    SmsHintOpen,
    Voicemail,
    CallGoodbye,
    KnowledgeAnswer,
    NoticeFacts,
    FactLine,
}
