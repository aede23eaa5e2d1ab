// The main() of every experiment's executable: it calls the experiment's own main, which the
// experiment's main.cpp defines in its namespace, inside its library (why:
// dropout_lab_add_experiment in experiments/CMakeLists.txt). The build names the namespace:
// -DDROPOUT_LAB_EXPERIMENT=moons calls moons::main.
namespace DROPOUT_LAB_EXPERIMENT {
int main(int argc, char** argv);
}

int main(int argc, char** argv) {
  return DROPOUT_LAB_EXPERIMENT::main(argc, argv);
}
