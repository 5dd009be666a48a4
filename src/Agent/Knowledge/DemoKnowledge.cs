using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Storage;

namespace Outreach.Agent.Knowledge;

/// <summary>
/// The demo documents (opening hours, what to bring to the elderly checkup, reporting a streetlight) from
/// prompts/knowledge/demo/*.{language}.md, street-wide so the demo street's residents get answers.
/// </summary>
public static class DemoKnowledge
{
    /// <summary>Adds the documents only to an empty knowledge base, so staff edits are never overwritten.</summary>
    public static async Task<int> SeedAsync(AgentDbContext db, string folder, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (!Directory.Exists(folder) || await db.Knowledge.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var files = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var markdown = await File.ReadAllTextAsync(file, cancellationToken);
            var name = Path.GetFileNameWithoutExtension(file);
            var heading = markdown.Split('\n').FirstOrDefault(l => l.StartsWith('#'))?.TrimStart('#').Trim();
            db.Knowledge.Add(new KnowledgeDocument
            {
                Title = heading ?? name,
                Markdown = markdown,
                Language = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..],
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return files.Count;
    }
}
