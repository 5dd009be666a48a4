using Outreach.Agent.Conversations;
using Outreach.Agent.Prompts;
using Outreach.Campaigns.Slots;

namespace Outreach.Campaigns.Api;

/// <summary>Validates a notice's appointment slots and translations, naming the field that was wrong.</summary>
internal static class NoticeRequestParts
{
    private const int MaxCapacity = 100_000;

    public static List<NoticeSlot> Slots(IReadOnlyList<SlotRequest>? requested, Dictionary<string, string[]> errors)
    {
        var slots = new List<NoticeSlot>();
        foreach (var (slot, i) in (requested ?? []).Select((s, i) => (s, i)))
        {
            var label = slot?.Label?.Trim();
            if (string.IsNullOrEmpty(label) || label.Length > 200)
            {
                errors[$"notice.slots[{i}].label"] = ["every slot needs a label of at most 200 characters"];
            }
            else if (slot!.Capacity is not (>= 1 and <= MaxCapacity))
            {
                errors[$"notice.slots[{i}].capacity"] = [$"slot '{label}' needs a capacity between 1 and {MaxCapacity}"];
            }
            else if (slots.Any(s => s.Label == label))
            {
                errors[$"notice.slots[{i}].label"] = [$"slot '{label}' is listed twice"];
            }
            else
            {
                slots.Add(new NoticeSlot { Ordinal = i, Label = label, Capacity = slot.Capacity.Value });
            }
        }

        return slots;
    }

    public static List<NoticeTranslation> Translations(IReadOnlyList<NoticeTranslation>? requested, Dictionary<string, string[]> errors)
    {
        var translations = new List<NoticeTranslation>();
        foreach (var (translation, i) in (requested ?? []).Select((t, i) => (t, i)))
        {
            if (translation?.Language is not { } language || !LanguageTag.IsValid(language) || translations.Any(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase)))
            {
                errors[$"notice.translations[{i}].language"] = ["every translation needs its own language tag such as en"];
            }
            else if (string.IsNullOrWhiteSpace(translation.Title) || translation.Title.Trim().Length > 200 || string.IsNullOrWhiteSpace(translation.Body) || translation.Body.Trim().Length > 4000)
            {
                errors[$"notice.translations[{i}]"] = [$"the {language} translation needs a title (at most 200 characters) and a body (at most 4000)"];
            }
            else
            {
                translations.Add(new NoticeTranslation(language, translation.Title.Trim(), translation.Body.Trim()));
            }
        }

        return translations;
    }
}
