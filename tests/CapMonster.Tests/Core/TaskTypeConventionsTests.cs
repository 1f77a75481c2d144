using System;
using System.Collections.Generic;
using System.Linq;
using EmulatorTable = CapMonster.Emulator.TaskTypeTable;
using ModuleTable = CapMonster.Tasks.TaskTypes;

namespace CapMonster.Tests.Core
{
    /// <summary>
    /// The module's task-type table and the emulator's hold the same types: a type added to one side only fails
    /// here, naming the side it is missing from. The one exception: a type the module marks deprecated (removed from
    /// the documentation, still in the clients) has no emulator row, because the service refuses it and so does the emulator.
    /// </summary>
    public class TaskTypeConventionsTests
    {
        private static string Key(string apiType, string? taskClass) => taskClass is null ? apiType : apiType + " class " + taskClass;

        private static HashSet<string> ModuleTypes(bool deprecated) => ModuleTable.Rows
            .Where(r => r.Deprecated == deprecated)
            .Select(r => Key(r.ApiType, r.Class?.ToLowerInvariant()))
            .ToHashSet(StringComparer.Ordinal);

        private static HashSet<string> EmulatorTypes() => EmulatorTable.Rows
            .Select(r => Key(r.ApiType, r.Class?.ToLowerInvariant()))
            .ToHashSet(StringComparer.Ordinal);

        [Fact]
        public void Every_module_task_type_has_an_emulator_row()
        {
            string[] missing = [.. ModuleTypes(deprecated: false).Except(EmulatorTypes()).Order(StringComparer.Ordinal)];
            Assert.True(missing.Length == 0,
                "Missing from the emulator (a row in src/Emulator/TaskTypeTable.cs): " + string.Join(", ", missing));
        }

        [Fact]
        public void Every_emulator_task_type_is_a_module_row()
        {
            string[] missing = [.. EmulatorTypes().Except(ModuleTypes(deprecated: false)).Order(StringComparer.Ordinal)];
            Assert.True(missing.Length == 0,
                "Missing from the module (a row in src/Module/Tasks/TaskTypes.cs): " + string.Join(", ", missing));
        }

        [Fact]
        public void Deprecated_module_types_are_refused_by_the_emulator_as_by_the_service()
        {
            HashSet<string> deprecated = ModuleTypes(deprecated: true);
            Assert.NotEmpty(deprecated);
            string[] served = [.. deprecated.Intersect(EmulatorTypes()).Order(StringComparer.Ordinal)];
            Assert.True(served.Length == 0, "Deprecated in the module but an emulator row: " + string.Join(", ", served));
        }

        [Fact]
        public void Both_sides_know_the_same_legacy_type_names()
        {
            Dictionary<string, string> Legacy(IEnumerable<(string ApiType, IEnumerable<string> Legacy)> rows)
            {
                var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach ((string apiType, IEnumerable<string> legacy) in rows)
                {
                    foreach (string name in legacy)
                    {
                        names[name] = apiType;
                    }
                }

                return names;
            }

            Dictionary<string, string> module = Legacy(ModuleTable.Rows.Select(r => (r.ApiType, (IEnumerable<string>)r.LegacyTypes)));
            Dictionary<string, string> emulator = Legacy(EmulatorTable.Rows.Select(r => (r.ApiType, (IEnumerable<string>)r.LegacyTypes)));
            string[] notInEmulator = [.. module.Where(m => !emulator.TryGetValue(m.Key, out string? t) || t != m.Value).Select(m => m.Key + " → " + m.Value).Order(StringComparer.Ordinal)];
            string[] notInModule = [.. emulator.Where(e => !module.TryGetValue(e.Key, out string? t) || t != e.Value).Select(e => e.Key + " → " + e.Value).Order(StringComparer.Ordinal)];
            Assert.True(notInEmulator.Length == 0, "Legacy names missing from the emulator's table: " + string.Join(", ", notInEmulator));
            Assert.True(notInModule.Length == 0, "Legacy names missing from the module's table: " + string.Join(", ", notInModule));
        }
    }
}
