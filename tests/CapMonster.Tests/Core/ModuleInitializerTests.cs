using System.IO;

namespace CapMonster.Tests.Core
{
    public class ModuleInitializerTests
    {
        private static readonly string Directory = Path.Combine("module", "dependencies");

        [Theory]
        [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "System.Runtime.CompilerServices.Unsafe")]
        [InlineData("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Buffers")]
        [InlineData("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Text.Json")]
        [InlineData("system.text.json", "System.Text.Json")]
        [InlineData("Microsoft.Bcl.AsyncInterfaces, Version=1.0.0.0", "Microsoft.Bcl.AsyncInterfaces")]
        [InlineData("System.Memory", "System.Memory")]
        [InlineData("System.Text.Encodings.Web, Version=99.0.0.0", "System.Text.Encodings.Web")]
        [InlineData("System.Numerics.Vectors, Version=4.1.3.0", "System.Numerics.Vectors")]
        [InlineData("System.Threading.Tasks.Extensions, Version=4.2.0.1", "System.Threading.Tasks.Extensions")]
        public void Resolves_a_redirected_assembly_by_simple_name_whatever_the_version(string requested, string file)
        {
            string expected = Path.Combine(Directory, file + ".dll");
            Assert.Equal(expected, ModuleInitializer.DependencyPath(requested, Directory, path => path == expected));
        }

        [Theory]
        [InlineData("Newtonsoft.Json, Version=13.0.0.0")]
        [InlineData("System.Management.Automation, Version=3.0.0.0")]
        [InlineData("CapMonster, Version=0.1.0.0")]
        // The messages' satellites: the runtime finds them in ru/ beside CapMonster.dll; the resolver stays out.
        [InlineData("CapMonster.resources, Version=0.1.0.0, Culture=ru, PublicKeyToken=null")]
        [InlineData("CapMonster.resources, Version=0.1.0.0, Culture=ru-UA, PublicKeyToken=null")]
        [InlineData("System.Text.Json.resources, Version=8.0.0.0, Culture=ru, PublicKeyToken=cc7b13ffcd2ddd51")]
        [InlineData("System.Text.Json.Extra")]
        [InlineData("")]
        [InlineData("not a valid, = assembly name,")]
        public void Leaves_other_assemblies_to_the_runtime(string requested)
        {
            Assert.Null(ModuleInitializer.DependencyPath(requested, Directory, _ => true));
        }

        [Fact]
        public void Returns_nothing_when_the_file_is_not_shipped()
        {
            Assert.Null(ModuleInitializer.DependencyPath("System.Memory, Version=4.0.1.2", Directory, _ => false));
        }
    }
}
