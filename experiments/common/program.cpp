// The main() of every experiment's executable. It only calls the experiment's own main, which
// its main.cpp defines in the experiment's namespace and which is compiled into its library:
// there the runner and nlohmann_json, which that main.cpp includes, are compiled once, in the
// library's unit, instead of again in a unit of their own (2-3 s of CPU an experiment;
// benchmarks/README.md, "Build time"). The build names the namespace
// (dropout_lab_add_experiment in experiments/CMakeLists.txt): -DDROPOUT_LAB_EXPERIMENT=moons
// calls moons::main.
namespace DROPOUT_LAB_EXPERIMENT {
int main(int argc, char** argv);
}

int main(int argc, char** argv) {
  return DROPOUT_LAB_EXPERIMENT::main(argc, argv);
}
