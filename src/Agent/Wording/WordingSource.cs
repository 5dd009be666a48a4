namespace Outreach.Agent.Wording;

public enum WordingSource
{
    /// <summary>Drafted by the model and passed the fact lock.</summary>
    Model,
    /// <summary>The offline agent's template around the staff's own text.</summary>
    Template,
    /// <summary>The model's drafts failed the fact lock twice: the staff's own text is used.</summary>
    StaffText,
    /// <summary>
    /// The segment's language has no staff text and no model to translate: its language's frame and every key fact
    /// (labels in that language, dates and times glossed in digits) around the original text. Flagged in the preview.
    /// </summary>
    Untranslated,
}
