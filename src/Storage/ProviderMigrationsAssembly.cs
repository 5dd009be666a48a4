using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Storage;

/// <summary>
/// Finds one context's migrations for the provider in use, beside the context in its module's assembly: SQLite's in
/// Storage/Migrations, PostgreSQL's in Storage/PostgreSqlMigrations (by namespace). EF Core alone would see both sets
/// as one history; see docs/decisions/0007-postgresql-migrations.md.
/// </summary>
internal sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    /// <summary>The namespace (and folder) suffix of a module's PostgreSQL migrations.</summary>
    public const string PostgreSqlFolder = "PostgreSqlMigrations";

    private readonly Type contextType;
    private readonly bool postgreSql;
    private readonly IMigrationsIdGenerator idGenerator;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> migrations;
    private readonly Lazy<ModelSnapshot?> modelSnapshot;

    public ProviderMigrationsAssembly(ICurrentDbContext currentContext, IMigrationsIdGenerator idGenerator)
    {
        ArgumentNullException.ThrowIfNull(currentContext);
        contextType = currentContext.Context.GetType();
        postgreSql = currentContext.Context.Database.IsNpgsql();
        this.idGenerator = idGenerator;
        Assembly = contextType.Assembly;
        migrations = new Lazy<IReadOnlyDictionary<string, TypeInfo>>(FindMigrations);
        modelSnapshot = new Lazy<ModelSnapshot?>(FindModelSnapshot);
    }

    public Assembly Assembly { get; }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations.Value;

    public ModelSnapshot? ModelSnapshot => modelSnapshot.Value;

    public string? FindMigrationId(string nameOrId)
    {
        Func<string, bool> matches = idGenerator.IsValidId(nameOrId)
            ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase);
        return Migrations.Keys.FirstOrDefault(matches);
    }

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(migrationClass);
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private SortedList<string, TypeInfo> FindMigrations()
    {
        var found = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in OwnTypes(typeof(Migration)))
        {
            if (type.GetCustomAttribute<MigrationAttribute>()?.Id is { } id)
            {
                found.Add(id, type);
            }
        }

        return found;
    }

    private ModelSnapshot? FindModelSnapshot()
        => OwnTypes(typeof(ModelSnapshot)).Select(type => (ModelSnapshot)Activator.CreateInstance(type.AsType())!).FirstOrDefault();

    /// <summary>Types of this context and this provider's folder that derive from <paramref name="baseType"/>.</summary>
    private IEnumerable<TypeInfo> OwnTypes(Type baseType)
        => Assembly.DefinedTypes.Where(type =>
            !type.IsAbstract
            && type.IsSubclassOf(baseType)
            && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType
            && (type.Namespace?.EndsWith("." + PostgreSqlFolder, StringComparison.Ordinal) ?? false) == postgreSql);
}
