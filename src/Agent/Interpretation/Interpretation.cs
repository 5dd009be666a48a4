namespace Outreach.Agent.Interpretation;

/// <summary>The offline interpreter's reading of one message.</summary>
/// <param name="Intent">The main intent; a response (confirm, decline, option) wins over a question in the same message.</param>
/// <param name="Option">The notice option chosen, verbatim, when <paramref name="Intent"/> is Option.</param>
/// <param name="When">A date or time the resident named, if any.</param>
/// <param name="HasQuestion">The message also asks something (好的，在哪里？).</param>
/// <param name="Language">zh-CN or en, from the script of the message; null when it has no letters (1, 👍).</param>
public sealed record Interpretation(ResidentIntent Intent, string? Option, ResidentTime? When, bool HasQuestion, string? Language);
